import type { ReactElement } from 'react';
import type { ScreenProps } from '../../app/screenProps';
import { PlaceholderScreen } from '../placeholder/PlaceholderScreen';

export function ChecklistScreen(_props: ScreenProps): ReactElement {
  return <PlaceholderScreen section="checklist" />;
}
