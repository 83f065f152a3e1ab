// peephole_l0_step_one_row: one time step of peephole_l0: h', c': U_i|U_f|U_c|U_o @ h for every gate, then h', c' from it (peephole_lstm.cell:27-31)
// each thread: 1 row of the product for four hidden units of each of 4 gates, in registers, then the step's outputs for them

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

fn sigmoid4(x: vec4f) -> vec4f { return 1.0 / (1.0 + exp(-x)); }
fn tanh_safe4(x: vec4f) -> vec4f { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }

override workgroup_x: u32 = 64u; // the workgroup's shape, chosen per adapter
override workgroup_y: u32 = 1u;
override workgroup_z: u32 = 1u;
@compute @workgroup_size(workgroup_x, workgroup_y, workgroup_z)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let rows = sizes.B;
  let row0 = gid.y * 1u;
  let unit0 = gid.x * 4u; // four hidden units, of every gate
  if (row0 >= rows || unit0 >= 20u) { return; }
  let quad = unit0 / 4u;
  let a_row0 = 3u * sizes.B * sizes.T + read_slot * 5u * sizes.B + min(row0 + 0u, rows - 1u) * 5u;
  let b_col0 = 200u + (0u + unit0 + 0u) * 5u;
  let b_col1 = 200u + (0u + unit0 + 1u) * 5u;
  let b_col2 = 200u + (0u + unit0 + 2u) * 5u;
  let b_col3 = 200u + (0u + unit0 + 3u) * 5u;
  let b_col4 = 200u + (20u + unit0 + 0u) * 5u;
  let b_col5 = 200u + (20u + unit0 + 1u) * 5u;
  let b_col6 = 200u + (20u + unit0 + 2u) * 5u;
  let b_col7 = 200u + (20u + unit0 + 3u) * 5u;
  let b_col8 = 200u + (40u + unit0 + 0u) * 5u;
  let b_col9 = 200u + (40u + unit0 + 1u) * 5u;
  let b_col10 = 200u + (40u + unit0 + 2u) * 5u;
  let b_col11 = 200u + (40u + unit0 + 3u) * 5u;
  let b_col12 = 200u + (60u + unit0 + 0u) * 5u;
  let b_col13 = 200u + (60u + unit0 + 1u) * 5u;
  let b_col14 = 200u + (60u + unit0 + 2u) * 5u;
  let b_col15 = 200u + (60u + unit0 + 3u) * 5u;
  var acc0_0 = 0.0;
  var acc0_1 = 0.0;
  var acc0_2 = 0.0;
  var acc0_3 = 0.0;
  var acc0_4 = 0.0;
  var acc0_5 = 0.0;
  var acc0_6 = 0.0;
  var acc0_7 = 0.0;
  var acc0_8 = 0.0;
  var acc0_9 = 0.0;
  var acc0_10 = 0.0;
  var acc0_11 = 0.0;
  var acc0_12 = 0.0;
  var acc0_13 = 0.0;
  var acc0_14 = 0.0;
  var acc0_15 = 0.0;
  for (var k = 0u; k < 5u; k++) {
    let w0 = params_buf[b_col0 + k];
    let w1 = params_buf[b_col1 + k];
    let w2 = params_buf[b_col2 + k];
    let w3 = params_buf[b_col3 + k];
    let w4 = params_buf[b_col4 + k];
    let w5 = params_buf[b_col5 + k];
    let w6 = params_buf[b_col6 + k];
    let w7 = params_buf[b_col7 + k];
    let w8 = params_buf[b_col8 + k];
    let w9 = params_buf[b_col9 + k];
    let w10 = params_buf[b_col10 + k];
    let w11 = params_buf[b_col11 + k];
    let w12 = params_buf[b_col12 + k];
    let w13 = params_buf[b_col13 + k];
    let w14 = params_buf[b_col14 + k];
    let w15 = params_buf[b_col15 + k];
    let a0 = work_buf[a_row0 + k];
    acc0_0 += dot(a0, w0);
    acc0_1 += dot(a0, w1);
    acc0_2 += dot(a0, w2);
    acc0_3 += dot(a0, w3);
    acc0_4 += dot(a0, w4);
    acc0_5 += dot(a0, w5);
    acc0_6 += dot(a0, w6);
    acc0_7 += dot(a0, w7);
    acc0_8 += dot(a0, w8);
    acc0_9 += dot(a0, w9);
    acc0_10 += dot(a0, w10);
    acc0_11 += dot(a0, w11);
    acc0_12 += dot(a0, w12);
    acc0_13 += dot(a0, w13);
    acc0_14 += dot(a0, w14);
    acc0_15 += dot(a0, w15);
  }
  if (row0 + 0u < rows) {
    let i0 = row0 + 0u;
    let product_gate0 = vec4f(acc0_0, acc0_1, acc0_2, acc0_3);
    let product_gate1 = vec4f(acc0_4, acc0_5, acc0_6, acc0_7);
    let product_gate2 = vec4f(acc0_8, acc0_9, acc0_10, acc0_11);
    let product_gate3 = vec4f(acc0_12, acc0_13, acc0_14, acc0_15);
    let hoisted19 = work_buf[8u * sizes.B * sizes.T + 35u * sizes.B + tau * 20u * sizes.B + i0 * 20u + quad + 15u];
    let add45 = (hoisted19 + product_gate3);
    let p_o = params_buf[610u + quad];
    let hoisted19_2 = work_buf[8u * sizes.B * sizes.T + 35u * sizes.B + tau * 20u * sizes.B + i0 * 20u + quad + 5u];
    let add30 = (hoisted19_2 + product_gate1);
    let p_f = params_buf[605u + quad];
    let c = work_buf[28u * sizes.B * sizes.T + 35u * sizes.B + ((sizes.T - sizes.step) % 2u) * 5u * sizes.B + i0 * 5u + quad];
    let mul31 = (p_f * c);
    let add32 = (add30 + mul31);
    let b_f = params_buf[620u + quad];
    let add33 = (add32 + b_f);
    let f = sigmoid4(add33);
    let mul35 = (f * c);
    let hoisted19_3 = work_buf[8u * sizes.B * sizes.T + 35u * sizes.B + tau * 20u * sizes.B + i0 * 20u + quad + 0u];
    let add23 = (hoisted19_3 + product_gate0);
    let p_i = params_buf[600u + quad];
    let mul24 = (p_i * c);
    let add25 = (add23 + mul24);
    let b_i = params_buf[615u + quad];
    let add26 = (add25 + b_i);
    let i = sigmoid4(add26);
    let hoisted19_4 = work_buf[8u * sizes.B * sizes.T + 35u * sizes.B + tau * 20u * sizes.B + i0 * 20u + quad + 10u];
    let add38 = (hoisted19_4 + product_gate2);
    let b_c = params_buf[625u + quad];
    let add39 = (add38 + b_c);
    let tanh40 = tanh_safe4(add39);
    let mul41 = (i * tanh40);
    let c_next = (mul35 + mul41);
    let mul46 = (p_o * c_next);
    let add47 = (add45 + mul46);
    let b_o = params_buf[630u + quad];
    let add48 = (add47 + b_o);
    let o = sigmoid4(add48);
    let tanh50 = tanh_safe4(c_next);
    let h_next = (o * tanh50);
    work_buf[3u * sizes.B * sizes.T + write_slot * 5u * sizes.B + i0 * 5u + quad] = h_next;
    work_buf[28u * sizes.B * sizes.T + 35u * sizes.B + ((sizes.T - 1u - sizes.step) % 2u) * 5u * sizes.B + i0 * 5u + quad] = c_next;
  }
}
