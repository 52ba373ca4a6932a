// Example curriculum for the demo. The customer's documents give the structure of the two default
// programmes but almost no lesson text or Mini Knowledge, so a demo without examples shows little.
// Everything here is written for the demo, begins with EXAMPLE wherever it is shown, and is added only
// to a version published in the demo's own database: a real installation never sees it.
import type { Module, Programme, Session } from '../features/curriculum/index.ts';

/** The marker every piece of example text starts with, so it reads as an example on every page. */
export const EXAMPLE = 'Example:';

/** Marks a piece of text as an example. */
export const ex = (text: string): string => `${EXAMPLE} ${text}`;

const lesson = (...paragraphs: string[]) => ex(paragraphs.join('\n\n'));

interface Knowledge {
  title: string;
  body: string;
  tags?: string[];
  /** Index of the learning intention it supports (the first one when left out). */
  intention?: number;
}

interface ExampleText {
  /** Left out where the customer's documents give the lesson. */
  lesson?: string;
  knowledge: Knowledge[];
}

const CHIME_PIECE: Knowledge = {
  title: 'The CHIME framework',
  tags: ['chime', 'hope'],
  body: ex(
    'CHIME stands for Connectedness, Hope, Identity, Meaning and Empowerment: five processes that people describe as part of their recovery. Use it as a set of prompts for conversation, never as a checklist or a score.',
  ),
};

// One entry per session of the Peer Support Training course, in order. Sessions that already have
// the customer's lesson text keep it; only the Mini Knowledge is added there.
const PEER_SUPPORT_TRAINING: ExampleText[] = [
  {
    lesson: lesson(
      'Welcome to the course. Over eleven sessions we will look at recovery, at peer support and at how your own experience can help other people.',
      'Today we get to know each other and agree how we will work together: what stays in the room, how we take part, and what we commit to.',
    ),
    knowledge: [
      {
        title: 'Opening a first session',
        body: ex(
          'People often arrive anxious. Start with something light, say how long the session lasts and when the breaks are, and show where the crisis contacts are.',
        ),
      },
      {
        title: 'Confidentiality and its limits',
        intention: 2,
        body: ex(
          'Agree what stays in the room, and say plainly when it cannot: if someone is at risk of serious harm, you will need to tell the safeguarding lead.',
        ),
      },
    ],
  },
  {
    lesson: lesson(
      'Recovery here means living a satisfying, hopeful life, with or without symptoms. It is a personal journey rather than an end point.',
      'We look at where the recovery approach came from and at the things people say helped them: hope, connection, a sense of who they are, meaning and control.',
    ),
    knowledge: [
      {
        title: 'Where the recovery approach came from',
        body: ex(
          'The recovery approach grew from the writing of people with lived experience in the 1980s and 1990s, who described recovery in their own words rather than as the absence of illness.',
        ),
      },
      { ...CHIME_PIECE, intention: 1 },
    ],
  },
  {
    lesson: lesson(
      'This session is about your own experience. You choose what to share and how much; nobody has to tell their story today.',
      'We connect the ideas from last week with what helped, and what got in the way, in our own lives.',
    ),
    knowledge: [
      {
        title: 'Intentional sharing',
        tags: ['intentional-sharing'],
        body: ex('Invite people to decide what they share, why and with whom before they speak. Model a short, purposeful share of your own.'),
      },
    ],
  },
  {
    knowledge: [
      {
        title: 'What makes someone a peer',
        intention: 1,
        body: ex('A peer shares relevant lived experience and meets the other person as an equal. The shared experience matters more than the diagnosis.'),
      },
    ],
  },
  {
    lesson: lesson(
      'Peer relationships are built on mutuality: both people learn and both people give.',
      'We look at how to start a peer relationship, and at power, choice and control within it.',
    ),
    knowledge: [
      {
        title: 'Mutuality',
        intention: 1,
        tags: ['connectedness'],
        body: ex(
          'Mutuality does not mean sharing everything. It means the relationship is not one-way: the peer supporter is open to learning from the person they support.',
        ),
      },
    ],
  },
  {
    lesson: lesson(
      'Halfway through: a chance to look back at what we have covered and to get help with the first assessment, an essay on your recovery story in relation to the recovery approach and peer support.',
    ),
    knowledge: [
      {
        title: 'Supporting the first assessment',
        intention: 1,
        body: ex(
          'Remind candidates that they choose what of their story goes into the essay. Offer a plan on one page: the approach, their story, the role of peer support.',
        ),
      },
    ],
  },
  {
    lesson: lesson(
      'The words we use can open a conversation or close it. We practise active listening and using the language of recovery.',
      'Try noticing one phrase this week that you would now say differently.',
    ),
    knowledge: [
      {
        title: 'Active listening',
        intention: 1,
        body: ex('Listening to understand rather than to reply: reflecting back, summarising, open questions and comfortable silences.'),
      },
    ],
  },
  {
    lesson: lesson(
      'Sharing our experience can bring recovery to life for someone else, when it is done with purpose and care.',
      'We practise short shares and think about when sharing helps and when it does not.',
    ),
    knowledge: [
      {
        title: 'Intentional sharing',
        tags: ['intentional-sharing'],
        body: ex('Ask three questions before sharing: is it for them or for me, is this the right moment, and how much is enough?'),
      },
    ],
  },
  {
    lesson: lesson(
      'Strengths-based practice starts from what people can do and what they have come through. We look at resilience, reframing and the power of hope.',
    ),
    knowledge: [
      {
        title: 'Strengths-based practice',
        tags: ['empowerment'],
        body: ex('Ask about what has helped before and what the person is proud of, as well as what is hard now.'),
      },
    ],
  },
  {
    lesson: lesson(
      'This session talks about boundaries, risk and difficult topics, including trauma and suicidality. You can step out at any time without explaining why.',
      'We look at positive risk taking: supporting people to make their own choices, with the risks talked through openly.',
    ),
    knowledge: [
      {
        title: 'Responding when someone talks about suicide',
        intention: 4,
        body: ex(
          'Stay calm, listen, ask directly whether they are thinking about suicide, and help them reach support: the crisis contacts on the Help page, their GP, or 999 if there is immediate danger. Never discuss methods. Tell the safeguarding lead.',
        ),
      },
      {
        title: 'Boundaries',
        intention: 1,
        body: ex('Boundaries keep both people safe. Agree them early: when and how you can be reached, what you can and cannot help with.'),
      },
    ],
  },
  {
    lesson: lesson('The last session: we review the course, finish outstanding work, talk about the final assignment and celebrate what the group has done.'),
    knowledge: [
      {
        title: 'Ending well',
        body: ex('Endings can be hard for people whose experience includes loss. Say early that the course is ending, and point to what comes next.'),
      },
    ],
  },
];

interface ExampleSession extends ExampleText {
  lesson: string;
  slug: string;
  title: string;
  aim: string;
  intentions: string[];
}

// Peer 2 Peer's documents name its modules but not their sessions: two example sessions per module.
const PEER_2_PEER: Record<number, ExampleSession[]> = {
  1: [
    {
      slug: 'a-safe-place-to-learn',
      title: 'A safe place to learn',
      aim: 'To agree how the group will work together and to meet the partners in the programme.',
      intentions: ['Agree a group agreement together.', 'Understand the roles of the partners in the programme.'],
      lesson: lesson('We start by agreeing how we will work together, and by hearing from the organisations that support this programme.'),
      knowledge: [
        {
          title: 'A group agreement',
          body: ex('Let the group write the agreement in its own words; keep confidentiality and its limits, participation and commitment in it.'),
        },
      ],
    },
    {
      slug: 'recovery-and-peer-support',
      title: 'Recovery and peer support',
      aim: 'To explore what recovery means to each of us and what peer support adds.',
      intentions: ['Describe recovery in your own words.', 'Explain what peer support is.'],
      lesson: lesson('What does recovery mean to you? We share ideas and look at what peer support adds to other kinds of help.'),
      knowledge: [CHIME_PIECE],
    },
  ],
  2: [
    {
      slug: 'values-and-identity',
      title: 'Values and identity',
      aim: 'To explore the values of peer support and an empowering identity.',
      intentions: ['Name the values of peer support.', 'Explore an identity beyond diagnosis.'],
      lesson: lesson('We explore the values that peer support is built on, and how people grow an identity beyond a diagnosis.'),
      knowledge: [CHIME_PIECE],
    },
    {
      slug: 'boundaries-and-risk',
      title: 'Boundaries and risk',
      aim: 'To think about boundaries in a peer relationship and about risk.',
      intentions: ['Agree what healthy boundaries look like.', 'Talk about risk openly.'],
      lesson: lesson('Boundaries keep both people safe. We look at what they are, how to agree them, and how to talk about risk.'),
      knowledge: [
        {
          title: 'Boundaries',
          body: ex('Boundaries are agreed, not imposed: what you can offer, when, and what happens if things get difficult.'),
        },
      ],
    },
  ],
  3: [
    {
      slug: 'listening-and-conversations',
      title: 'Listening and conversations',
      aim: 'To practise the conversations peer supporters have.',
      intentions: ['Practise active listening.', 'Use recovery language in conversation.'],
      lesson: lesson('We practise listening and the kinds of conversation peer supporters have every day.'),
      knowledge: [
        {
          title: 'Active listening',
          body: ex('Reflect back, summarise, ask open questions, and let silences be.'),
        },
      ],
    },
    {
      slug: 'putting-it-into-practice',
      title: 'Putting it into practice',
      aim: 'To plan next steps into peer roles.',
      intentions: ['Plan your next step into a peer role.'],
      lesson: lesson('We plan what comes next: volunteering, peer roles and keeping well while doing them.'),
      knowledge: [
        {
          title: 'Keeping well in a peer role',
          body: ex('Encourage a wellbeing plan and regular supervision before someone starts in a peer role.'),
        },
      ],
    },
  ],
};

function addKnowledge(session: Session, pieces: Knowledge[], key: string): void {
  pieces.forEach((k, i) => {
    const intention = session.learningIntentions[k.intention ?? 0] ?? session.learningIntentions[0];
    if (!intention) return;
    session.miniKnowledge.push({ id: `example-${key}-${i + 1}`, title: ex(k.title), intentions: [intention.id], tags: k.tags ?? [], body: k.body });
  });
}

function exampleSession(e: ExampleSession): Session {
  const session: Session = {
    id: `example-${e.slug}`,
    title: ex(e.title),
    aim: ex(e.aim),
    overview: '',
    durationMinutes: 120,
    lesson: e.lesson,
    assessment: '',
    tags: [],
    contentNotes: [],
    learningIntentions: e.intentions.map((text, i) => ({ id: `example-${i + 1}`, text: ex(text) })),
    miniKnowledge: [],
    activities: [],
    files: [],
    resources: [],
    assignments: [],
  };
  addKnowledge(session, e.knowledge, e.slug);
  return session;
}

/**
 * Adds the example text to a default programme: lesson text where a session has none, Mini Knowledge
 * under its learning intentions, and example sessions in modules that have none. Text the programme
 * already has is kept as it is.
 */
export function addExampleContent(p: Programme): void {
  if (p.slug === 'peer-support-training') {
    const sessions = p.modules.flatMap((m: Module) => m.sessions);
    sessions.forEach((s, i) => {
      const e = PEER_SUPPORT_TRAINING[i];
      if (!e) return;
      if (!s.lesson.trim() && e.lesson) s.lesson = e.lesson;
      // The customer's documents list no learning intentions, so the Mini Knowledge hangs on an example one.
      if (s.learningIntentions.length === 0)
        s.learningIntentions.push({ id: 'example-1', text: ex(`Reflect on what “${s.title}” means for your own practice.`) });
      addKnowledge(s, e.knowledge, `${i + 1}`);
    });
  }
  if (p.slug === 'peer-2-peer') {
    p.modules.forEach((m, i) => {
      if (m.sessions.length === 0) m.sessions.push(...(PEER_2_PEER[i] ?? []).map(exampleSession));
    });
  }
}
