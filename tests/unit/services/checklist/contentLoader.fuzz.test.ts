import { describeFuzz } from '../../../fuzz/describeFuzz';
import { checklistContent } from '../../../fuzz/targets';

describeFuzz(checklistContent);
