import './components/rt-app.js';
