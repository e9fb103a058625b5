import type { ReactElement } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentView, ItemView } from '../../../../shared/checklist/view';

interface Props {
  incidents: IncidentView[];
  items: ItemView[];
  renderItems: (items: ItemView[]) => ReactElement;
}

interface Walk {
  incident: IncidentView;
  questionId: string | null;
  itemIds: string[];
  answered: string[];
}

/** DFAK-style: short questions, each answer adds items and may lead to the next question. */
export function IncidentGuide({ incidents, items, renderItems }: Props): ReactElement {
  const { t } = useTranslation('checklist');
  const [walk, setWalk] = useState<Walk | null>(null);

  if (walk === null)
    return (
      <div className="cl-incidents">
        <p className="lede">{t('incident.intro')}</p>
        <ul className="cl-incident-list">
          {incidents.map((incident) => (
            <li key={incident.id}>
              <button
                type="button"
                className="card cl-incident-choice"
                onClick={() => setWalk({ incident, questionId: incident.first, itemIds: [], answered: [] })}
              >
                <strong>{incident.title}</strong>
                <span className="hint">{incident.summary}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    );

  const question = walk.incident.questions.find((q) => q.id === walk.questionId) ?? null;
  const found = walk.itemIds
    .map((id) => items.find((item) => item.id === id))
    .filter((item): item is ItemView => item !== undefined);

  return (
    <div className="cl-incidents">
      <div className="cl-incident-head">
        <h2>{walk.incident.title}</h2>
        <button type="button" className="button-link" onClick={() => setWalk(null)}>
          {t('incident.restart')}
        </button>
      </div>
      {walk.answered.length > 0 && (
        <ol className="cl-answered" aria-label={t('incident.yourAnswers')}>
          {walk.answered.map((answer, index) => (
            <li key={index}>{answer}</li>
          ))}
        </ol>
      )}
      {question ? (
        <fieldset className="card field-group cl-question">
          <legend>{question.question}</legend>
          <div className="choice-column">
            {question.answers.map((answer, index) => (
              <button
                key={index}
                type="button"
                className="button-secondary cl-answer"
                onClick={() =>
                  setWalk({
                    ...walk,
                    questionId: answer.next,
                    itemIds: [...new Set([...walk.itemIds, ...answer.items])],
                    answered: [...walk.answered, `${question.question} — ${answer.label}`],
                  })
                }
              >
                {answer.label}
              </button>
            ))}
          </div>
        </fieldset>
      ) : (
        <>
          <h3 className="cl-result-title">{t('incident.result', { count: found.length })}</h3>
          {renderItems(found)}
        </>
      )}
    </div>
  );
}
