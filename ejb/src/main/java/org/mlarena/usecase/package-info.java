/**
 * What a use case is: its goal, rules, metric, dates, limits and visibility ({@code entity.UseCase}), and how a draft
 * changes it ({@code control.UseCaseEditor}). Uses only common, identity and evaluation (which metrics fit a category);
 * who takes part in it, and who may see and change it, is the team component's.
 */
package org.mlarena.usecase;
