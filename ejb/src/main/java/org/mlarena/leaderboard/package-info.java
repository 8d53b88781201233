/**
 * The leaderboard: teams ranked by their best scored submission, with size, FLOPs and energy, and the Pareto front.
 * Reads submission, experiment, team, usecase and evaluation; changes nothing.
 */
package org.mlarena.leaderboard;
