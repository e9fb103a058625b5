import { describeFuzz } from '../../../../fuzz/describeFuzz';
import { checklistUpdate } from '../../../../fuzz/moreTargets';

describeFuzz(checklistUpdate);
