import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PublicApp } from './PublicApp';
import './public.css';

// The complainants' pages: their own entry (public.html), none of the console's code.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PublicApp />
  </StrictMode>,
);
