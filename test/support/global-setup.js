// jest's globalSetup: registers this run, so that the leftover net of
// global-teardown.js knows whether another run of this checkout is going on.
import { registerRun } from './test-runs.js';

export default function globalSetup() {
  registerRun();
}
