// The to-do domain as others see it: the home page's list and the menu badge.
export { todoList, todoCounts, badgeTotal, type TodoItem, type TodoList } from './todo.service.js';
export { requestCounts, todoBadge } from './todo.middleware.js';
export { RECENT_DAYS, type TodoCounts } from './todo.queries.js';
