import { describeFuzz } from '../../../fuzz/describeFuzz';
import { channelEnvelope } from '../../../fuzz/targets';

describeFuzz(channelEnvelope);
