/**
 * The session feature's words, English and French (same keys, enforced by the type). Kept local so the feature is
 * self-contained; `sessionStringsFor(lang)` picks one, defaulting to `<html lang>`.
 */
import type { Role } from '../../../shared/enums';

export interface SessionStrings {
  signIn: string;
  signOut: string;
  signingIn: string;
  signingOut: string;
  dialogTitle: string;
  dialogIntro: string;
  username: string;
  password: string;
  submit: string;
  cancel: string;
  close: string;
  /** Visible role tag when nobody is signed in. */
  publicView: string;
  /** "username · Role" */
  signedInAs: (username: string, role: string) => string;
  roles: Record<Role, string>;
  menuLabel: string;
  wrongCredentials: string;
  tooManyAttempts: (seconds: number | null) => string;
  missingFields: string;
  network: string;
  unexpected: (detail: string) => string;
  signOutFailed: string;
}

const en: SessionStrings = {
  signIn: 'Sign in',
  signOut: 'Sign out',
  signingIn: 'Signing in…',
  signingOut: 'Signing out…',
  dialogTitle: 'Sign in',
  dialogIntro: 'Partners and programme staff sign in to see the figures their role allows. Anyone else sees the public view.',
  username: 'User name',
  password: 'Password',
  submit: 'Sign in',
  cancel: 'Cancel',
  close: 'Close',
  publicView: 'Public view',
  signedInAs: (username, role) => `${username} · ${role}`,
  roles: { public: 'Public', donor: 'Donor', government: 'Government', programme: 'Programme', admin: 'Admin' },
  menuLabel: 'Account',
  wrongCredentials: 'Wrong user name or password.',
  tooManyAttempts: (s) => (s === null ? 'Too many attempts; try again later.' : `Too many attempts; try again in ${s} ${s === 1 ? 'second' : 'seconds'}.`),
  missingFields: 'Enter your user name and password.',
  network: 'The server could not be reached. Check the connection and try again.',
  unexpected: (detail) => `Could not sign in: ${detail}`,
  signOutFailed: 'Could not sign out. Try again.',
};

const fr: SessionStrings = {
  signIn: 'Se connecter',
  signOut: 'Se déconnecter',
  signingIn: 'Connexion…',
  signingOut: 'Déconnexion…',
  dialogTitle: 'Connexion',
  dialogIntro:
    'Les partenaires et l’équipe du programme se connectent pour voir les chiffres que leur rôle autorise. Les autres personnes voient la vue publique.',
  username: 'Nom d’utilisateur',
  password: 'Mot de passe',
  submit: 'Se connecter',
  cancel: 'Annuler',
  close: 'Fermer',
  publicView: 'Vue publique',
  signedInAs: (username, role) => `${username} · ${role}`,
  roles: { public: 'Public', donor: 'Bailleur', government: 'Gouvernement', programme: 'Programme', admin: 'Administration' },
  menuLabel: 'Compte',
  wrongCredentials: 'Nom d’utilisateur ou mot de passe incorrect.',
  tooManyAttempts: (s) =>
    s === null ? 'Trop de tentatives ; réessayez plus tard.' : `Trop de tentatives ; réessayez dans ${s} ${s <= 1 ? 'seconde' : 'secondes'}.`,
  missingFields: 'Saisissez votre nom d’utilisateur et votre mot de passe.',
  network: 'Le serveur est injoignable. Vérifiez la connexion et réessayez.',
  unexpected: (detail) => `Connexion impossible : ${detail}`,
  signOutFailed: 'La déconnexion a échoué. Réessayez.',
};

export const sessionStrings = { en, fr } as const;
export type SessionLang = keyof typeof sessionStrings;

/** `lang` ("fr", "fr-NE", "en-GB"…) → its dictionary; defaults to `<html lang>`, then English. */
export function sessionStringsFor(lang?: string | null): SessionStrings {
  const l = (lang ?? (typeof document !== 'undefined' ? document.documentElement.lang : '') ?? '').toLowerCase();
  return l.startsWith('fr') ? sessionStrings.fr : sessionStrings.en;
}
