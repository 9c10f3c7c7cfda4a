/** The platform administrator's key every test app is started with (RECERT_ADMIN_KEY). */
export const TEST_ADMIN_KEY = 'rct_test-platform-admin-key-000000000000';
