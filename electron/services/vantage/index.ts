// Testing from outside without a server: the test listener, links, friend codes, arrivals, reach.
export { runInvite, type InviteOptions, type InviteSeams } from './invite';
export { reachCode } from './reach';
export { decodeFriendCode, encodeFriendCode, type FriendCode } from './friend-code';
