import type { Db } from '../../../db/database.js';
import type { CurrentUser } from '../../../web/access.js';
import { createUser, generatePassword, setDisabled } from '../../accounts/index.js';
import { listLibraryRefs } from '../../network/index.js';
import { createCourse, createSession, recordAttendance, register } from '../service.js';
import * as q from '../queries.js';

// Demonstration trainings: made-up courses (title prefixed "Demo:" and is_demo = 1) with sessions
// across the current year, registrations by made-up, disabled accounts (demo-…@mreza.invalid, who
// cannot log in and get no e-mail), and attendance for the sessions already held. All through the
// module's service, so it is valid data.

const system = (role: 'admin' | 'coordinator', regionId: string | null): CurrentUser => ({ id: 0, email: 'demo-seed', name: 'Demo', role, regionId, libraryId: null, partnerName: null });

interface DemoCourse {
  title: string;
  description: string;
  hours: number;
  organiser: 'ook' | 'nuk' | 'izum' | 'association' | 'other';
  competences: string[];
  region: string | null;
  months: number[];
  capacity: number;
}

const courses: DemoCourse[] = [
  { title: 'Demo: Osnove katalogizacije v COBISS', description: 'Izmišljen tečaj za prikaz: vnos zapisov, normativne datoteke, zaloga.', hours: 16, organiser: 'izum', competences: ['cataloguing'], region: null, months: [2, 9], capacity: 12 },
  { title: 'Demo: Bralna značka in mladi bralci', description: 'Izmišljena delavnica za prikaz: spodbujanje branja pri otrocih in mladih.', hours: 4, organiser: 'association', competences: ['reading'], region: null, months: [3, 10], capacity: 20 },
  { title: 'Demo: Digitalna pismenost za uporabnike', description: 'Izmišljena delavnica za prikaz: pomoč uporabnikom pri e-storitvah.', hours: 6, organiser: 'ook', competences: ['digital', 'reference'], region: 'kranj', months: [5, 11], capacity: 3 },
  { title: 'Demo: Dostopna knjižnica', description: 'Izmišljen seminar za prikaz: gradivo in prostori za ljudi z oviranostmi.', hours: 8, organiser: 'nuk', competences: ['inclusion'], region: null, months: [4], capacity: 25 },
];

const pad = (n: number) => String(n).padStart(2, '0');

/** Fills an empty training module with demonstration courses, sessions and registrations; returns how many sessions. */
export async function seedDemoTraining(db: Db, year = new Date().getFullYear()): Promise<number> {
  if (await q.hasCourses(db)) return 0;
  const libraries = await listLibraryRefs(db, { sort: 'id' });
  if (libraries.length === 0) return 0;
  const picks = ['kranj', 'ljubljana', 'celje', 'koper', 'maribor', 'jesenice'].map((id) => libraries.find((l) => l.id === id) ?? libraries[0]!);
  const names = ['Ana Demo', 'Borut Demo', 'Cvetka Demo', 'Darko Demo', 'Eva Demo', 'Franc Demo'];
  const people: CurrentUser[] = [];
  for (const [i, name] of names.entries()) {
    const email = `demo-${i + 1}@mreza.invalid`;
    const { id } = await createUser(db, { email, name, password: generatePassword(), role: 'librarian', regionId: null, libraryId: picks[i]!.id, partnerName: null }, { id: null, email: 'demo-seed' });
    await setDisabled(db, id, true, { id: null, email: 'demo-seed' });
    people.push({ id, email, name, role: 'librarian', regionId: null, libraryId: picks[i]!.id, partnerName: null });
  }
  let made = 0;
  for (const [ci, c] of courses.entries()) {
    const offerer = system(c.region ? 'coordinator' : 'admin', c.region);
    const courseId = await createCourse(db, offerer, { title: c.title, description: c.description, hours: c.hours, organiser: c.organiser, competences: c.competences }, { isDemo: true });
    for (const month of c.months) {
      const day = pad(8 + ci * 4);
      const starts = `${year}-${pad(month)}-${day}T09:00`;
      const endHour = pad(Math.min(9 + Math.ceil(c.hours), 17));
      const sessionId = await createSession(
        db,
        offerer,
        courseId,
        { starts_at: starts, ends_at: `${year}-${pad(month)}-${day}T${endHour}:00`, registration_deadline: `${year}-${pad(month)}-01T12:00`, place: c.region ? 'Mestna knjižnica Kranj (demo)' : 'Ljubljana (demo)', online_url: '', capacity: c.capacity, trainers: 'Demo predavateljica' },
        { isDemo: true },
      );
      made++;
      const before = new Date(Date.UTC(year, month - 2, 20, 10));
      // Four people register; a small session fills and the rest wait.
      for (const p of people.slice(ci % 2, (ci % 2) + 4)) await register(db, p, sessionId, { now: before, isDemo: true });
      const heldAlready = new Date(Date.UTC(year, month - 1, Number(day) + 1)) < new Date();
      if (heldAlready) {
        const seated = (await q.registrationsOfSession(db, sessionId)).filter((r) => r.status === 'registered');
        await recordAttendance(
          db,
          offerer,
          sessionId,
          seated.map((r, i) => (i === 1 ? { registrationId: r.id, attendance: 'partial', hours: c.hours / 2 } : { registrationId: r.id, attendance: 'full' })),
        );
      }
    }
  }
  await db.transaction().execute((tx) => q.putTarget(tx, year, 24, new Date().toISOString()));
  return made;
}
