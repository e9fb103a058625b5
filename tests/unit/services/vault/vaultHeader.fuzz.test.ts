import { describeFuzz } from '../../../fuzz/describeFuzz';
import { vaultHeader } from '../../../fuzz/moreTargets';

describeFuzz(vaultHeader);
