export { bulkAssign, bulkSetStatus, type BulkResult } from "./bulk";
export { countItemsByStatus, listItems, type ItemPage, type ItemRow } from "./list";
export { ITEM_STATUSES, MAX_BULK, MAX_PAGE, type ListItemsOptions } from "./schemas";
