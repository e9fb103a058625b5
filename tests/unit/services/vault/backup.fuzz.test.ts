import { describeFuzz } from '../../../fuzz/describeFuzz';
import { backupFile } from '../../../fuzz/moreTargets';

describeFuzz(backupFile);
