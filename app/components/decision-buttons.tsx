/**
 * A review's decision buttons (verify / ask / reject, accept / dismiss / spam …): one submit
 * button per choice, named `decision`, the first one primary. Works without JavaScript.
 */
export function DecisionButtons({ choices }: { choices: Array<{ value: string; label: string }> }) {
  return (
    <div className="actions">
      {choices.map((choice, index) => (
        <span key={choice.value}>
          {index > 0 ? ' ' : null}
          <button
            type="submit"
            name="decision"
            value={choice.value}
            className={index === 0 ? 'button button-primary' : 'button'}
          >
            {choice.label}
          </button>
        </span>
      ))}
    </div>
  );
}
