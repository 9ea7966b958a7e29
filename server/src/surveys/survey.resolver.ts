import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { ConfigureSurveyInput, ConfigureSurveyPayload, SurveySettings } from './survey.types';

@Resolver()
export class SurveyResolver {
  @Authorized()
  @Query(() => SurveySettings, { description: 'The tenant’s satisfaction scale and low-score threshold' })
  surveySettings(@Ctx() ctx: RequestContext) {
    return ctx.services.surveys.get(ctx);
  }

  @Authorized()
  @Mutation(() => ConfigureSurveyPayload, { description: 'Sets the satisfaction scale and threshold; tenant administrators' })
  async configureSurvey(@Arg('input') input: ConfigureSurveyInput, @Ctx() ctx: RequestContext): Promise<ConfigureSurveyPayload> {
    return { settings: await ctx.services.surveys.configure(ctx, input), errors: [] };
  }
}
