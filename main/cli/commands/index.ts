import type { Command } from '../command.js';
import { exportCommand } from './export.js';
import { hubCommand } from './hub.js';
import { impactCommand } from './impact.js';
import { importCommand } from './import.js';
import { inviteCommand } from './invite.js';
import { joinCommand } from './join.js';
import { lintUpdateCommand } from './lint-update.js';
import { listCommand } from './list.js';
import { logCommand } from './log.js';
import { newCommand } from './new.js';
import { postCommand } from './post.js';
import { repairCommand } from './repair.js';
import { setCommand } from './set.js';
import { statusCommand } from './status.js';
import { syncCommand } from './sync.js';
import { verifyCommand } from './verify.js';

/** Every `warroom` command, in the order `warroom --help` lists them. Add a command by adding a line. */
export const COMMANDS: Command[] = [newCommand, listCommand, postCommand, setCommand, statusCommand, impactCommand, lintUpdateCommand, logCommand, exportCommand, importCommand, hubCommand, inviteCommand, syncCommand, joinCommand, verifyCommand, repairCommand];
