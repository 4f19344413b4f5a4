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
