/**
 * The session feature's words (namespace `session`), English and French with the same keys (was ./strings.ts).
 * Importing this module registers the catalogue.
 */
import { registerCatalogue, type CatalogueOf } from '../../i18n/i18n';

export const en = {
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
  /** Visible role tag when nobody is signed in. */
  publicView: 'Public view',
  /** "username · Role" ({{role}} is a `roles.*` value). */
  signedInAs: '{{username}} · {{role}}',
  /** Keyed by Role (src/shared/enums.ts). */
  roles: { public: 'Public', donor: 'Donor', government: 'Government', programme: 'Programme', admin: 'Admin' },
  menuLabel: 'Account',
  wrongCredentials: 'Wrong user name or password.',
  /** No Retry-After: `tooManyAttempts`; else `tooManyAttemptsIn` with `count` = seconds. */
  tooManyAttempts: 'Too many attempts; try again later.',
  tooManyAttemptsIn_one: 'Too many attempts; try again in {{count}} second.',
  tooManyAttemptsIn_other: 'Too many attempts; try again in {{count}} seconds.',
  missingFields: 'Enter your user name and password.',
  network: 'The server could not be reached. Check the connection and try again.',
  unexpected: 'Could not sign in: {{detail}}',
  signOutFailed: 'Could not sign out. Try again.',
};

export const fr: CatalogueOf<typeof en> = {
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
  signedInAs: '{{username}} · {{role}}',
  roles: { public: 'Public', donor: 'Bailleur', government: 'Gouvernement', programme: 'Programme', admin: 'Administration' },
  menuLabel: 'Compte',
  wrongCredentials: 'Nom d’utilisateur ou mot de passe incorrect.',
  tooManyAttempts: 'Trop de tentatives ; réessayez plus tard.',
  tooManyAttemptsIn_one: 'Trop de tentatives ; réessayez dans {{count}} seconde.',
  tooManyAttemptsIn_other: 'Trop de tentatives ; réessayez dans {{count}} secondes.',
  missingFields: 'Saisissez votre nom d’utilisateur et votre mot de passe.',
  network: 'Le serveur est injoignable. Vérifiez la connexion et réessayez.',
  unexpected: 'Connexion impossible : {{detail}}',
  signOutFailed: 'La déconnexion a échoué. Réessayez.',
};

registerCatalogue('session', { en, fr });
