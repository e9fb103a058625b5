import type { ReactElement } from 'react';
import type { ScreenProps } from '../../app/screenProps';
import { PlaceholderScreen } from '../placeholder/PlaceholderScreen';

export function ContactScreen(_props: ScreenProps): ReactElement {
  return <PlaceholderScreen section="contact" />;
}
