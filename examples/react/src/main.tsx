import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
// Registers <share-bar>; with it defined before React renders, React sets props as properties.
import 'share-bar/share-bar.js';
import type { Counts } from 'share-bar';

function App() {
  const [counts, setCounts] = useState<Counts>({ facebook: 16, x: 1234, linkedin: 66 });
  const [last, setLast] = useState('No share yet');
  return (
    <main>
      <h1>share-bar in React</h1>
      <share-bar
        networks="x facebook linkedin copy"
        url="https://example.com/react"
        text="Fish & chips"
        counts={counts}
        countDisplay="both"
        onshare={(event) => setLast(`Shared on ${event.detail.network} (${event.detail.method})`)}
      />
      <button type="button" id="more" onClick={() => setCounts((c) => ({ ...c, facebook: (c.facebook ?? 0) + 1 }))}>
        One more Facebook share
      </button>
      <p id="last" role="status">
        {last}
      </p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
