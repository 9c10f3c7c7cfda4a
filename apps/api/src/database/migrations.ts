import { Foundation1795396807570 } from './migrations/1795396807570-Foundation';

/** Every migration, oldest first. */
export const MIGRATIONS = [Foundation1795396807570];
