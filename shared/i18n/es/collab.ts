/** collab */
export default {
};
