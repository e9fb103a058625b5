import * as RadixTabs from '@radix-ui/react-tabs';
import type { ReactElement, ReactNode } from 'react';

/** One tab: its value, the label on its trigger and the panel it shows. */
export interface TabSpec<T extends string> {
  readonly value: T;
  readonly label: ReactNode;
  readonly panel: ReactNode;
}

/** Class names per screen, because each screen's stylesheet styles its own strip. */
export interface TabClasses {
  readonly root?: string;
  readonly list: string;
  readonly tab: string;
  readonly panel?: string;
}

interface TabsProps<T extends string> {
  readonly tabs: readonly TabSpec<T>[];
  /** The strip's accessible name, already translated. */
  readonly label: string;
  readonly classes: TabClasses;
  readonly value?: T;
  readonly defaultValue?: T;
  readonly onChange?: (value: T) => void;
}

/**
 * The one tab strip of the app. Radix gives every copy the same ARIA (tablist, tab, tabpanel,
 * aria-selected, aria-controls) and the same keyboard: arrows move between tabs, Home/End jump.
 */
export function Tabs<T extends string>(props: TabsProps<T>): ReactElement {
  const { tabs, label, classes, value, defaultValue, onChange } = props;
  // Radix reports a plain string; map it back to a known tab instead of casting.
  const change = (next: string): void => {
    const found = tabs.find((tab) => tab.value === next);
    if (found && onChange) onChange(found.value);
  };
  return (
    <RadixTabs.Root value={value} defaultValue={defaultValue} onValueChange={change} className={classes.root}>
      <RadixTabs.List className={classes.list} aria-label={label}>
        {tabs.map((tab) => (
          <RadixTabs.Trigger key={tab.value} value={tab.value} className={classes.tab}>
            {tab.label}
          </RadixTabs.Trigger>
        ))}
      </RadixTabs.List>
      {tabs.map((tab) => (
        <RadixTabs.Content key={tab.value} value={tab.value} className={classes.panel}>
          {tab.panel}
        </RadixTabs.Content>
      ))}
    </RadixTabs.Root>
  );
}
