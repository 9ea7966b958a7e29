import { Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context';

/** Business time for clients: countdowns in a browser count on the server's clock, not the device's. */
@Resolver()
export class ServerTimeResolver {
  @Query(() => Date, { description: "The server's business clock now; clients count deadlines down from it, not from the device's clock" })
  serverTime(@Ctx() ctx: RequestContext): Date {
    return ctx.services.clock.now();
  }
}
