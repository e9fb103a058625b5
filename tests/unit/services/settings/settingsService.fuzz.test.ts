import { describeFuzz } from '../../../fuzz/describeFuzz';
import { settingsFile } from '../../../fuzz/targets';

describeFuzz(settingsFile);
