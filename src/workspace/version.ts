export { DATAFORGE_VERSION } from '../version.js';
