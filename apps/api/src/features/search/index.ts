// The global search (issue 13) as other features see it: its module only.
export { SearchModule } from './search.module.js';
