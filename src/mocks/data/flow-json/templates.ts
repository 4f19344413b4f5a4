/**
 * Realistic WhatsApp Flow JSON documents for the simulator. The first is Meta's own sample from
 * "Creating a Flow"; the others follow Meta's Flow JSON reference (layouts, forms, actions).
 */
export const metaSampleFlow = {
  version: '5.0',
  screens: [
    {
      id: 'WELCOME_SCREEN',
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextHeading', text: 'Hello World' },
          { type: 'Footer', label: 'Complete', 'on-click-action': { name: 'complete', payload: {} } },
        ],
      },
      title: 'Welcome',
      terminal: true,
      success: true,
      data: {},
    },
  ],
};

export const appointmentFlow = {
  version: '6.0',
  data_api_version: '3.0',
  routing_model: { APPOINTMENT: ['DETAILS'], DETAILS: ['SUMMARY'], SUMMARY: [] },
  screens: [
    {
      id: 'APPOINTMENT',
      title: 'Book an appointment',
      data: {
        department: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' } } }, __example__: [{ id: 'shopping', title: 'Shopping & groceries' }] },
        location: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' } } }, __example__: [{ id: '1', title: 'King’s Cross, London' }] },
      },
      layout: {
        type: 'SingleColumnLayout',
        children: [
          {
            type: 'Form',
            name: 'appointment_form',
            children: [
              { type: 'Dropdown', label: 'Department', name: 'department', 'data-source': '${data.department}', required: true },
              { type: 'Dropdown', label: 'Location', name: 'location', 'data-source': '${data.location}', required: true },
              { type: 'DatePicker', label: 'Date', name: 'date', required: true },
              {
                type: 'Footer',
                label: 'Continue',
                'on-click-action': {
                  name: 'data_exchange',
                  payload: { trigger: 'appointment_selected', department: '${form.department}', location: '${form.location}', date: '${form.date}' },
                },
              },
            ],
          },
        ],
      },
    },
    {
      id: 'DETAILS',
      title: 'Your details',
      data: { department: { type: 'string', __example__: 'beauty' } },
      layout: {
        type: 'SingleColumnLayout',
        children: [
          {
            type: 'Form',
            name: 'details_form',
            children: [
              { type: 'TextInput', name: 'name', label: 'Name', 'input-type': 'text', required: true },
              { type: 'TextInput', name: 'email', label: 'Email', 'input-type': 'email', required: true },
              { type: 'TextInput', name: 'phone', label: 'Phone', 'input-type': 'phone', required: true },
              { type: 'TextArea', name: 'more_details', label: 'Further details', required: false },
              { type: 'Footer', label: 'Done', 'on-click-action': { name: 'navigate', next: { type: 'screen', name: 'SUMMARY' }, payload: {} } },
            ],
          },
        ],
      },
    },
    {
      id: 'SUMMARY',
      title: 'Summary',
      terminal: true,
      success: true,
      data: {},
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextHeading', text: 'Thanks! We will confirm your appointment.' },
          { type: 'Footer', label: 'Confirm', 'on-click-action': { name: 'complete', payload: {} } },
        ],
      },
    },
  ],
};

/** Non-ASCII labels before the fields, to exercise UTF-16 column counting. */
export const signUpFlow = {
  version: '5.0',
  screens: [
    {
      id: 'SIGN_UP',
      title: 'Anmeldung – Größe 📦',
      data: {},
      layout: {
        type: 'SingleColumnLayout',
        children: [
          {
            type: 'Form',
            name: 'sign_up',
            children: [
              { type: 'TextSubheading', text: 'Willkommen! नमस्ते 👋' },
              { type: 'TextInput', name: 'first_name', label: 'Vorname', 'input-type': 'text', required: true },
              { type: 'TextInput', name: 'email', label: 'E-Mail', 'input-type': 'email', required: true },
              { type: 'OptIn', name: 'marketing', label: 'Angebote per WhatsApp erhalten' },
              { type: 'Footer', label: 'Registrieren', 'on-click-action': { name: 'complete', payload: { email: '${form.email}' } } },
            ],
          },
        ],
      },
      terminal: true,
      success: true,
    },
  ],
};

export const surveyFlow = {
  version: '7.1',
  screens: [1, 2, 3].map((n) => ({
    id: `QUESTION_${n}`,
    title: `Question ${n} of 3`,
    data: {},
    ...(n === 3 ? { terminal: true, success: true } : {}),
    layout: {
      type: 'SingleColumnLayout',
      children: [
        {
          type: 'Form',
          name: `q${n}`,
          children: [
            {
              type: 'RadioButtonsGroup',
              name: `answer_${n}`,
              label: ['How was your delivery?', 'How likely are you to recommend us?', 'Anything else?'][n - 1],
              required: true,
              'data-source': [
                { id: 'good', title: 'Good' },
                { id: 'ok', title: 'Okay' },
                { id: 'bad', title: 'Bad' },
              ],
            },
            {
              type: 'Footer',
              label: n === 3 ? 'Submit' : 'Next',
              'on-click-action':
                n === 3
                  ? { name: 'complete', payload: {} }
                  : { name: 'navigate', next: { type: 'screen', name: `QUESTION_${n + 1}` }, payload: {} },
            },
          ],
        },
      ],
    },
  })),
};

export const flowTemplates = [metaSampleFlow, appointmentFlow, signUpFlow, surveyFlow] as const;

/** A 1×1 PNG, base64 (an Image's `src` in flow JSON is base64 data). */
const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/**
 * Every layout component the screen preview draws, on four screens, with dynamic data, a base64
 * image and a label that looks like markup (it must stay visible text). Demo flows plant errors
 * inside its components (see `showcaseDocuments`).
 */
export const componentsFlow = {
  version: '7.1',
  screens: [
    {
      id: 'WELCOME',
      title: 'Welcome to ${data.shop}',
      data: {
        shop: { type: 'string', __example__: 'Acme Garden' },
        greeting: { type: 'string', __example__: 'Hi Ada, good to see you again.' },
        offers: { type: 'array', items: { type: 'object' }, __example__: [{ id: 'spring', 'main-content': { title: 'Spring sale' } }, { id: 'seeds', 'main-content': { title: 'Seeds club' } }] },
      },
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'Image', src: TINY_PNG, width: 120, height: 60, 'alt-text': 'Acme Garden logo' },
          { type: 'TextHeading', text: 'Your garden order' },
          { type: 'TextBody', text: '${data.greeting}' },
          { type: 'RichText', text: ['**Free delivery** over 50 €', 'Returns within 30 days'] },
          { type: 'NavigationList', name: 'offers', label: 'Current offers', 'list-items': '${data.offers}' },
          { type: 'EmbeddedLink', text: 'Read our terms', 'on-click-action': { name: 'open_url', url: 'https://example.com/terms' } },
          { type: 'Footer', label: 'Start', 'on-click-action': { name: 'navigate', next: { type: 'screen', name: 'DETAILS' }, payload: {} } },
        ],
      },
    },
    {
      id: 'DETAILS',
      title: 'Your details',
      data: {},
      layout: {
        type: 'SingleColumnLayout',
        children: [
          {
            type: 'Form',
            name: 'details',
            children: [
              { type: 'TextInput', name: 'name', label: 'Full name', 'input-type': 'text', required: true },
              { type: 'TextArea', name: 'notes', label: 'Delivery notes', 'helper-text': 'Gate code, parking…' },
              {
                type: 'Dropdown',
                name: 'department',
                label: 'Which of our garden departments would you like us to call you back from?',
                'data-source': [
                  { id: 'plants', title: 'Plants' },
                  { id: 'tools', title: 'Tools' },
                ],
              },
              { type: 'DatePicker', name: 'date', label: 'Delivery date' },
              { type: 'CalendarPicker', name: 'range', label: 'Holiday (no delivery)', mode: 'range' },
              { type: 'ChipsSelector', name: 'interests', label: 'Interests', 'data-source': [{ id: 'roses', title: 'Roses' }, { id: 'herbs', title: 'Herbs' }] },
              { type: 'CheckboxGroup', name: 'extras', label: 'Extras', 'data-source': [{ id: 'wrap', title: 'Gift wrap' }, { id: 'card', title: 'Card' }] },
              { type: 'RadioButtonsGroup', name: 'slot', label: 'Time slot', 'data-source': [{ id: 'am', title: 'Morning' }, { id: 'pm', title: 'Afternoon' }] },
              { type: 'OptIn', name: 'news', label: 'Send me garden tips' },
              { type: 'Footer', label: 'Check availability', 'on-click-action': { name: 'data_exchange', payload: { date: '${form.date}' } } },
            ],
          },
        ],
      },
    },
    {
      id: 'CHOICE',
      title: 'Delivery options',
      data: { member: { type: 'boolean', __example__: true }, tier: { type: 'string', __example__: 'gold' } },
      layout: {
        type: 'SingleColumnLayout',
        children: [
          {
            type: 'If',
            condition: '${data.member}',
            then: [{ type: 'TextBody', text: 'Members get next-day delivery.' }],
            else: [{ type: 'TextBody', text: 'Join the club for next-day delivery.' }],
          },
          {
            type: 'Switch',
            value: '${data.tier}',
            cases: { gold: [{ type: 'TextCaption', text: 'Gold: free express' }], silver: [{ type: 'TextCaption', text: 'Silver: 5 € express' }] },
          },
          {
            type: 'ImageCarousel',
            images: [
              { src: TINY_PNG, 'alt-text': 'Roses' },
              { src: TINY_PNG, 'alt-text': 'Herbs' },
            ],
          },
          { type: 'PhotoPicker', name: 'photo', label: 'Photo of your garden', description: 'Helps us plan the delivery' },
          { type: 'DocumentPicker', name: 'doc', label: 'Invoice address document' },
          { type: 'TextCaption', text: '</script><script>alert("not run")</script>' },
          { type: 'Footer', label: 'Confirm', 'on-click-action': { name: 'navigate', next: { type: 'screen', name: 'DONE' }, payload: {} } },
        ],
      },
    },
    {
      id: 'DONE',
      title: 'Thank you',
      terminal: true,
      success: true,
      data: {},
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextSubheading', text: 'Your order is booked.' },
          { type: 'Footer', label: 'Close', 'on-click-action': { name: 'complete', payload: {} } },
        ],
      },
    },
  ],
};

/**
 * A flow of 100 screens (the screen map must stay readable): a routing model where each question
 * leads to the next and some skip ahead; the last screen is terminal, and ARCHIVED is reached by
 * no route.
 */
export function hundredScreensFlow() {
  const id = (i: number) => (i === 99 ? 'ARCHIVED' : `Q${String(i + 1).padStart(3, '0')}`);
  const routing: Record<string, string[]> = {};
  for (let i = 0; i < 99; i++) routing[id(i)] = i === 98 ? [] : [id(i + 1), ...(i % 10 === 0 && i + 5 < 98 ? [id(i + 5)] : [])];
  routing[id(99)] = [];
  return {
    version: '7.1',
    data_api_version: '3.0',
    routing_model: routing,
    screens: Array.from({ length: 100 }, (_, i) => ({
      id: id(i),
      title: i === 99 ? 'Old question (no longer used)' : `Question ${i + 1}`,
      ...(i === 98 ? { terminal: true, success: true } : {}),
      data: {},
      layout: {
        type: 'SingleColumnLayout',
        children: [
          {
            type: 'Form',
            name: `form_${i}`,
            children: [
              { type: 'TextSubheading', text: `Question ${i + 1}` },
              { type: 'RadioButtonsGroup', name: `answer_${i}`, label: 'How satisfied are you?', 'data-source': [{ id: 'yes', title: 'Satisfied' }, { id: 'no', title: 'Not satisfied' }] },
              i >= 98
                ? { type: 'Footer', label: 'Submit', 'on-click-action': { name: 'complete', payload: {} } }
                : { type: 'Footer', label: 'Next', 'on-click-action': { name: 'data_exchange', payload: { screen: id(i) } } },
            ],
          },
        ],
      },
    })),
  };
}
