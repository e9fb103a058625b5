import { describeFuzz } from '../../../fuzz/describeFuzz';
import { contactCard } from '../../../fuzz/targets';

describeFuzz(contactCard);
