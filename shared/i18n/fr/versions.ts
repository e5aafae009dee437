/** versions */
export default {
};
