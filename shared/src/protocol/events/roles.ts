/** Who is on the other end of a socket. `client` is the anonymous woman; the rest are staff. */
export type Role = 'client' | 'counselor' | 'supervisor' | 'admin';
export type StaffRole = Exclude<Role, 'client'>;
/** The sender of a message, as bound into its associated data. */
export type SenderRole = 'client' | 'counselor';

/** Socket.IO handshake auth: what a socket says about itself when it connects. */
export type HandshakeAuth = { role: 'client' } | { role: 'staff' };
