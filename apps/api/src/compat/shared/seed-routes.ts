/**
 * The path ZainOne and Glassdome both serve their credentials under. ZainOne's
 * adapter owns `/{id}`; Glassdome's adds `/templates/{service_type}`,
 * `/{id}/test` and `/{id}/rotate` beside it. No route of either has one
 * segment after the path but `{id}`, so a static segment never meets an id.
 */
export const SEED_CREDENTIALS_PATH = 'api/credentials';
