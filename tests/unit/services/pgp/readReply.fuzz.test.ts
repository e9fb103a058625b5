import { describeFuzz } from '../../../fuzz/describeFuzz';
import { pgpReply, pgpReplyPackets } from '../../../fuzz/targets';

describeFuzz(pgpReply);
describeFuzz(pgpReplyPackets);
