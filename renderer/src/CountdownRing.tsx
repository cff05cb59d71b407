const RADIUS = 20;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/** Seconds left as a ring and a number. role=timer is not live: nothing is announced each second. */
export function CountdownRing(props: { secondsLeft: number; period: number; label: string; ending: boolean }) {
  const remaining = Math.min(1, Math.max(0, props.secondsLeft / props.period));
  return (
    <div className={props.ending ? 'ring ending' : 'ring'} role="timer" aria-label={props.label}>
      <svg viewBox="0 0 48 48" width="56" height="56" aria-hidden="true" focusable="false">
        <circle className="ring-track" cx="24" cy="24" r={RADIUS} />
        <circle
          className="ring-left"
          cx="24"
          cy="24"
          r={RADIUS}
          strokeDasharray={CIRCUMFERENCE}
          strokeDashoffset={CIRCUMFERENCE * (1 - remaining)}
          transform="rotate(-90 24 24)"
        />
      </svg>
      <span className="ring-seconds" aria-hidden="true" data-testid="seconds-left">
        {props.secondsLeft}
      </span>
    </div>
  );
}
