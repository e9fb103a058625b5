import { describeFuzz } from '../../../fuzz/describeFuzz';
import { pgpMimeReply } from '../../../fuzz/moreTargets';

describeFuzz(pgpMimeReply);
