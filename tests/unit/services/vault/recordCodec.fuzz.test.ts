import { describeFuzz } from '../../../fuzz/describeFuzz';
import { vaultRecord } from '../../../fuzz/targets';

describeFuzz(vaultRecord);
