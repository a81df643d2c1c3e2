// Custom convict formats, one file per domain; importing this registers them all.
import './formats/scalars.js';
import './formats/basic.js';
import './formats/mail.js';
import './formats/mapping.js';
import './formats/powerschool.js';
import './formats/schedule.js';

export { isEmailAddress } from './formats/mail.js';
