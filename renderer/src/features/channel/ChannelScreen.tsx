import type { ReactElement } from 'react';
import type { ScreenProps } from '../../app/screenProps';
import { PlaceholderScreen } from '../placeholder/PlaceholderScreen';

export function ChannelScreen(_props: ScreenProps): ReactElement {
  return <PlaceholderScreen section="channel" />;
}
