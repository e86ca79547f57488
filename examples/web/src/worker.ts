// The search worker: networks, searches and the what-if session live here, off the page's thread.
import { type MessageEndpoint, serveSearches } from 'servicereach';

serveSearches(self as unknown as MessageEndpoint);
