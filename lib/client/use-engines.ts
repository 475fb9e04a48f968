'use client';
// The engines this server has (GET /api/engines): which are set up, the default, each one's default
// model. They change only with the server's settings, so a minute-old answer is as good as a new one.
import { useQuery } from '@tanstack/react-query';
import { getEngines } from './api';
import { queryKeys } from './keys';

export const useEngines = () =>
  useQuery({ queryKey: queryKeys.engines, queryFn: getEngines, staleTime: 60_000 });
