import { main } from './cli.ts';

process.exitCode = main(process.argv);
