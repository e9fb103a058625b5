import { describeFuzz } from '../../../fuzz/describeFuzz';
import { requestPlaintext } from '../../../fuzz/targets';

describeFuzz(requestPlaintext);
