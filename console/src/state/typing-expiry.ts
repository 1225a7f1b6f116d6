/**
 * The chat's "she is typing" line comes down by itself when her widget's repeated signal stops
 * (a lost "stopped"); the timer is the shared client's, re-exported under the console's path.
 */
export { TypingExpiry } from '@tsunagari/shared/client';
