// Generates custom-elements.json. The element declares its attributes in one map
// (`static properties = {countsUrl: 'counts-url', …}`); this plugin turns that map into the
// manifest's attribute list, linked to the documented fields.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/icons.ts', 'src/standalone.ts'],
  outdir: '.',
  plugins: [
    {
      name: 'share-bar-attributes',
      analyzePhase({ ts, node, moduleDoc }) {
        if (!ts.isPropertyDeclaration(node) || node.name.getText() !== 'properties') return;
        if (!ts.isClassDeclaration(node.parent) || !node.parent.name) return;
        let init = node.initializer;
        while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression?.(init))) init = init.expression;
        if (!init || !ts.isObjectLiteralExpression(init)) return;
        const declaration = moduleDoc.declarations?.find((d) => d.name === node.parent.name.getText());
        if (!declaration) return;
        declaration.attributes ??= [];
        for (const property of init.properties) {
          if (!ts.isPropertyAssignment(property)) continue;
          const fieldName = property.name.getText();
          const value = property.initializer;
          // `true`: an attribute of the same name; a string: that attribute; `false`: state.
          const name = ts.isStringLiteral(value)
            ? value.text
            : value.kind === ts.SyntaxKind.TrueKeyword
              ? fieldName
              : null;
          if (!name) continue;
          const field = declaration.members?.find((m) => m.name === fieldName);
          declaration.attributes.push({
            name,
            fieldName,
            ...(field?.description && { description: field.description }),
            ...(field?.type && { type: field.type }),
          });
          if (field) field.attribute = name;
        }
        declaration.members = declaration.members?.filter((m) => !(m.static && m.name === 'properties'));
      },
    },
  ],
};
