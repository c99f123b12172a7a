import { Option } from 'commander';
import { ROLES } from '#domain';

/** `--role`, one of the roles (commander refuses anything else with exit 2). */
export function roleOption(): Option {
  return new Option('--role <role>', 'its role').choices(ROLES);
}
