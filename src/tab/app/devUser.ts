/** Where the local demo remembers the signed-in synthetic user for the browser tab's session. */
export const DEV_USER_KEY = 'cmoe.devUser';
