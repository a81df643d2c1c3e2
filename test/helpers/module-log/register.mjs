// `node --import` this file to write every module URL the process loads to $SIS_SYNC_TEST_MODULE_LOG.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
