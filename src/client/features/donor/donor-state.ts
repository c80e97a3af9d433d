/** Which transit centre's voluntary returns the donor view draws as arcs (null: all centres, capitals only). */
import { create } from 'zustand';

export interface DonorState {
  returnsCentre: string | null;
  setReturnsCentre: (centre: string | null) => void;
}

export const useDonorState = create<DonorState>((set) => ({
  returnsCentre: null,
  setReturnsCentre: (returnsCentre) => set({ returnsCentre }),
}));
