import { useState } from 'react';
import { FormFooter } from '../../../components/FormFooter';
import { Modal } from '../../../components/Modal';
import { usePlanUi } from '../../../stores/plan-ui';
import { useRefusal } from '../../../components/useRefusal';
import { DialogForm } from '../../../components/DialogForm';

interface Props {
  readonly title: string;
  readonly label: string;
  readonly placeholder?: string;
  readonly help?: string;
  readonly submit: string;
  /** The text to start from (a decision logged in the timeline, being adopted). */
  readonly initial?: string;
  /** A line above the field saying where that text came from. */
  readonly from?: string;
  /** Runs the command; a refusal is shown in place, in the domain's words, and the text is kept. */
  readonly run: (text: string) => unknown;
}

/** One line of text and an action: an objective, a proposal, an objection, a change. */
export function TextDialog({ title, label, placeholder, help, submit, initial = '', from, run }: Props) {
  const [text, setText] = useState(initial);
  const { refusal, tryCommand } = useRefusal();
  const close = () => usePlanUi.getState().close();
  function onSubmit() {
    if (tryCommand(() => run(text))) close();
  }
  return (
    <Modal title={title} onClose={close}>
      <DialogForm onSubmit={onSubmit}>
        {from && <p className="muted">{from}</p>}
        <label>
          {label}
          <input value={text} data-autofocus placeholder={placeholder} aria-invalid={refusal ? true : undefined} onChange={(e) => setText(e.target.value)} />
          {help && <small>{help}</small>}
        </label>
        <FormFooter error={refusal} onCancel={close} submit={submit} />
      </DialogForm>
    </Modal>
  );
}
